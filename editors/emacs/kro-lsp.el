;;; kro-lsp.el --- kro-lsp for kro ResourceGraphDefinitions -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, kubernetes, kro

;;; Commentary:

;; `kro-yaml-mode' is a YAML mode (derived from `yaml-ts-mode', `yaml-mode' or
;; `text-mode', whichever exists) that Emacs picks by content for kro's files only: an
;; RGD (`apiVersion: kro.run/...', `kind: ResourceGraphDefinition'), an instance in
;; kro's default group, a `# kro-lsp' first line, or a `*.rgd.yaml' name.  Plain
;; manifests and Helm templates keep their usual mode; the server is silent on them anyway.
;;
;;   (add-to-list 'load-path "/path/to/kro-lsp/editors/emacs")
;;   (require 'kro-lsp)
;;   (setq kro-lsp-program "/path/to/kro-lsp"          ; default: kro-lsp on PATH
;;         kro-lsp-crd-paths ["crds/"])                 ; relative to the project root
;;   (add-hook 'kro-yaml-mode-hook #'eglot-ensure)     ; Eglot (Emacs 29; elpa-eglot on 28)
;;   ;; or, with lsp-mode: (add-hook 'kro-yaml-mode-hook #'lsp-deferred)
;;
;; `kro-lsp-preview' and `kro-lsp-generate-crd' run the server's `kro.preview' and
;; `kro.generateCRD' commands and show the answer in a new buffer (Eglot).

;;; Code:

(require 'subr-x)

(defgroup kro-lsp nil
  "kro-lsp, the language server for kro ResourceGraphDefinitions."
  :group 'languages
  :prefix "kro-lsp-")

(defcustom kro-lsp-program "kro-lsp"
  "The kro-lsp executable."
  :type 'string)

(defcustom kro-lsp-crd-paths []
  "CRD files or folders whose kinds type the resources (the `kro.crdPaths' setting)."
  :type '(vector string))

(defcustom kro-lsp-omit-function nil
  "Whether kro's omit() CEL function is enabled (the `kro.omitFunction' setting)."
  :type 'boolean)

;;;; Detection

(defun kro-lsp--top-level-value (key)
  "The value of the column-0 KEY on the current line, unquoted, or nil."
  (when (looking-at (concat key ":[ \t]*\\([^#\n]*?\\)[ \t]*\\(?:#.*\\)?$"))
    (let ((value (match-string-no-properties 1)))
      (if (string-match "\\`\\([\"']\\)\\(.*\\)\\1\\'" value) (match-string 2 value) value))))

(defun kro-lsp-buffer-p ()
  "Non-nil when the current buffer holds one of kro's files."
  (and buffer-file-name
       (string-match-p "\\.ya?ml\\'" buffer-file-name)
       (or (string-match-p "\\.rgd\\.ya?ml\\'" buffer-file-name)
           (save-excursion
             (save-restriction
               (widen)
               (goto-char (point-min))
               (or (looking-at "\\(?:\ufeff\\)?# kro-lsp\\(?:[ \t]\\|$\\)")
                   (let ((api "") (kind "") (found nil))
                     (while (and (not found) (not (eobp)))
                       (cond ((looking-at "---") (setq api "" kind ""))
                             ((kro-lsp--top-level-value "apiVersion")
                              (setq api (kro-lsp--top-level-value "apiVersion")))
                             ((kro-lsp--top-level-value "kind")
                              (setq kind (kro-lsp--top-level-value "kind"))))
                       ;; An RGD, or an instance of one in kro's default group.
                       (setq found (and (string-prefix-p "kro.run/" api) (not (string-empty-p kind))))
                       (forward-line 1))
                     found)))))))

;;;; The mode

(defalias 'kro-lsp--yaml-parent-mode
  (cond ((and (fboundp 'yaml-ts-mode) (fboundp 'treesit-language-available-p)
              (treesit-language-available-p 'yaml))
         'yaml-ts-mode)
        ((fboundp 'yaml-mode) 'yaml-mode)
        (t 'text-mode))
  "The YAML mode `kro-yaml-mode' derives from.")

;;;###autoload
(define-derived-mode kro-yaml-mode kro-lsp--yaml-parent-mode "kro"
  "YAML mode for kro's files, served by kro-lsp."
  (setq-local comment-start "# "))

;;;###autoload
(add-to-list 'magic-mode-alist '(kro-lsp-buffer-p . kro-yaml-mode))

(defun kro-lsp--settings ()
  "The server's `kro' settings section."
  (list :crdPaths kro-lsp-crd-paths :omitFunction (if kro-lsp-omit-function t :json-false)))

;;;; Eglot

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(kro-yaml-mode . ,(lambda (&optional _interactive) (list kro-lsp-program))))
  ;; Eglot reads the default value (with directory-local variables): add a `:kro' section
  ;; computed when asked, so later changes of the options count.
  (let ((previous (default-value 'eglot-workspace-configuration)))
    (setq-default eglot-workspace-configuration
                  (lambda (&optional server)
                    (let ((base (if (functionp previous) (funcall previous server) previous)))
                      (plist-put (copy-sequence base) :kro (kro-lsp--settings)))))))

(declare-function eglot--current-server-or-lose "eglot")
(declare-function eglot--path-to-uri "eglot")
(declare-function jsonrpc-request "jsonrpc")

(defun kro-lsp--show (title result)
  "Show RESULT, a command's answer, in a buffer named TITLE."
  (let ((text (cond ((stringp result) result)
                    ((plist-get result :yaml)
                     (concat (plist-get result :yaml)
                             (mapconcat (lambda (item) (format "\n# pending: %s" item))
                                        (plist-get result :pending) "")))
                    (t (format "%S" result)))))
    (with-current-buffer (get-buffer-create title)
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert text))
      (goto-char (point-min))
      (if (fboundp 'kro-lsp--yaml-parent-mode) (funcall #'kro-lsp--yaml-parent-mode))
      (display-buffer (current-buffer)))))

(defun kro-lsp--execute (command title)
  "Run the server's COMMAND on the current file and show its answer as TITLE."
  (let* ((server (eglot--current-server-or-lose))
         (uri (eglot--path-to-uri buffer-file-name))
         (result (jsonrpc-request server :workspace/executeCommand
                                  (list :command command :arguments (vector (list :uri uri))))))
    (kro-lsp--show title result)))

(defun kro-lsp-preview ()
  "Preview what the current instance or RGD renders to (`kro.preview')."
  (interactive)
  (kro-lsp--execute "kro.preview" "*kro preview*"))

(defun kro-lsp-generate-crd ()
  "Show the CRD kro generates for the current RGD (`kro.generateCRD')."
  (interactive)
  (kro-lsp--execute "kro.generateCRD" "*kro CRD*"))

;;;; lsp-mode

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-register-custom-settings "lsp-mode")
(defvar lsp-language-id-configuration)

(with-eval-after-load 'lsp-mode
  (add-to-list 'lsp-language-id-configuration '(kro-yaml-mode . "yaml"))
  (lsp-register-custom-settings
   '(("kro.crdPaths" kro-lsp-crd-paths)
     ("kro.omitFunction" kro-lsp-omit-function t)))
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection (lambda () (list kro-lsp-program)))
                    :major-modes '(kro-yaml-mode)
                    :server-id 'kro-lsp
                    :priority 1)))

(provide 'kro-lsp)
;;; kro-lsp.el ends here
