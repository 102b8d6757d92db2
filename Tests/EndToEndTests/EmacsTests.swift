import Foundation
import Testing

/// Emacs in batch mode with editors/emacs/kro-lsp.el and Eglot (built into Emacs 29;
/// Debian's elpa-eglot on Emacs 28) drives the built kro-lsp: `kro-yaml-mode` is chosen by
/// content, diagnostics land at the right characters, and a plain manifest keeps its mode
/// with no server. A missing emacs is a visible skip (`.ci/run` installs emacs-nox and
/// elpa-eglot).
@Suite struct EmacsTests {
    /// Completion at `${schema.spec.` through Eglot's completion-at-point; hover through
    /// Eglot's connection.
    @Test(.enabled(if: Editors.emacs != nil, "emacs is not installed: apt-get install emacs-nox elpa-eglot (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func eglotCompletesAndHovers() throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Editors.featureRGD.text.utf8).write(to: dir.appendingPathComponent("features.yaml"))
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/emacs/kro-lsp.el")
        let (completion, hover) = (Editors.featureRGD.completion, Editors.featureRGD.hover)
        let script = """
            (require 'package)
            (package-initialize)
            (defvar kro-test-lines nil)
            (defun kro-test-out (format-string &rest args)
              (push (apply #'format format-string args) kro-test-lines))
            (defun kro-test-goto (line character)
              (goto-char (point-min)) (forward-line line) (forward-char character))
            (condition-case err
                (progn
                  (require 'eglot)
                  (load \(Editors.quoted(plugin.path)) nil t)
                  (setq kro-lsp-program \(Editors.quoted(BinaryLocator.kroLSP.path)))
                  (add-hook 'kro-yaml-mode-hook #'eglot-ensure)
                  (find-file "features.yaml")
                  (run-hooks 'post-command-hook)
                  (let ((deadline (+ (float-time) 40)))
                    (while (and (null eglot--diagnostics) (< (float-time) deadline))
                      (accept-process-output nil 0.1)))
                  (kro-test-goto \(completion.line) \(completion.character))
                  (dolist (label (all-completions "" (nth 2 (eglot-completion-at-point))))
                    (kro-test-out "completion %s" (substring-no-properties label)))
                  (kro-test-goto \(hover.line) \(hover.character))
                  (let* ((answer (jsonrpc-request (eglot-current-server) :textDocument/hover
                                                  (eglot--TextDocumentPositionParams)))
                         (contents (plist-get answer :contents)))
                    (kro-test-out "hover %s" (replace-regexp-in-string
                                              "\n" " " (if (stringp contents) contents (plist-get contents :value))))))
              (error (kro-test-out "error %S" err)))
            (with-temp-file \(Editors.quoted(result.path))
              (insert (mapconcat #'identity (nreverse kro-test-lines) "\\n")))
            (kill-emacs 0)
            """
        let scriptFile = dir.appendingPathComponent("test.el")
        try Data(script.utf8).write(to: scriptFile)
        let run = try Editors.runProcess(Editors.emacs!, ["--batch", "-l", scriptFile.path], in: dir,
                                         environment: ["HOME": dir.path], timeout: 60)
        Editors.expectFeatures(Editors.report(of: run, at: result, editor: "emacs"))
    }

    @Test(.enabled(if: Editors.emacs != nil, "emacs is not installed: apt-get install emacs-nox elpa-eglot (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func eglotShowsDiagnosticsOnlyForKroFiles() throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("# kro-lsp\nkey: value\n".utf8).write(to: dir.appendingPathComponent("tagged.yaml"))
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/emacs/kro-lsp.el")
        let script = """
            (require 'package)
            (package-initialize)
            (defvar kro-test-lines nil)
            (defun kro-test-out (format-string &rest args)
              (push (apply #'format format-string args) kro-test-lines))
            (condition-case err
                (progn
                  (require 'eglot)
                  (load \(Editors.quoted(plugin.path)) nil t)
                  (setq kro-lsp-program \(Editors.quoted(BinaryLocator.kroLSP.path)))
                  (add-hook 'kro-yaml-mode-hook #'eglot-ensure)
                  (find-file "demo.yaml")
                  (kro-test-out "rgd-mode %s" major-mode)
                  ;; eglot-ensure connects after the next command; batch mode runs none.
                  (run-hooks 'post-command-hook)
                  (let ((deadline (+ (float-time) 40)))
                    (while (and (null eglot--diagnostics) (< (float-time) deadline))
                      (accept-process-output nil 0.1)))
                  (kro-test-out "rgd-server %s" (if (eglot-current-server) "yes" "no"))
                  (dolist (d eglot--diagnostics)
                    (let ((beg (flymake-diagnostic-beg d))
                          (spec (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
                      (kro-test-out "diag %s %d %d %s %s" (plist-get spec :code)
                                    (1- (line-number-at-pos beg))
                                    (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                                    (plist-get spec :severity) (flymake-diagnostic-text d))))
                  (find-file "tagged.yaml")
                  (kro-test-out "tagged-mode %s" major-mode)
                  (find-file "deployment.yaml")
                  (run-hooks 'post-command-hook)
                  (kro-test-out "manifest-mode %s" major-mode)
                  (kro-test-out "manifest-server %s" (if (eglot-current-server) "yes" "no")))
              (error (kro-test-out "error %S" err)))
            (with-temp-file \(Editors.quoted(result.path))
              (set-buffer-file-coding-system 'utf-8)
              (insert (mapconcat #'identity (nreverse kro-test-lines) "\\n")))
            (kill-emacs 0)
            """
        let scriptFile = dir.appendingPathComponent("test.el")
        try Data(script.utf8).write(to: scriptFile)
        let run = try Editors.runProcess(Editors.emacs!, ["--batch", "-l", scriptFile.path], in: dir,
                                         environment: ["HOME": dir.path], timeout: 60)
        let report = Editors.report(of: run, at: result, editor: "emacs")
        let (lines, output) = report
        #expect(lines.contains("rgd-mode kro-yaml-mode"), "\(output)")
        #expect(lines.contains("rgd-server yes"), "\(output)")
        // Emacs counts characters; the server sent UTF-16 columns.
        Editors.expectRGDDiagnostics(report, column: { $0.unicodeScalars.count })
        #expect(lines.contains("tagged-mode kro-yaml-mode"), "the # kro-lsp modeline did not pick kro-yaml-mode: \(output)")
        #expect(lines.contains { $0.hasPrefix("manifest-mode ") && $0 != "manifest-mode kro-yaml-mode" }, "\(output)")
        #expect(lines.contains("manifest-server no"), "kro-lsp attached to a plain manifest: \(output)")
    }
}
