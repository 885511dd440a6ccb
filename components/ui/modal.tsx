'use client';

import { useEffect, useRef } from 'react';

/** Where a dialog starts: an element marked data-autofocus, else its first field (not the close button). */
function firstField(dialog: HTMLDialogElement): HTMLElement | null {
  return (
    dialog.querySelector<HTMLElement>('[data-autofocus]') ??
    dialog.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)')
  );
}

/**
 * A modal dialog on the platform's <dialog>: the page behind is inert, Esc closes, the focus starts on its first
 * field and goes back, when it closes, to the control that opened it (the dialogs close by unmounting, which
 * the platform's own focus return does not cover).
 */
export function Modal({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      firstField(dialog)?.focus();
    }
    if (!open && dialog.open) dialog.close();
    // On unmount the dialog has already left the page (and the page is no longer inert behind it).
    if (open) return () => opener.current?.focus();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="modal-title"
      className="m-auto w-[calc(100%-1.5rem)] max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="p-4 md:p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id="modal-title" className="text-lg font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close dialog"
              className="flex size-11 shrink-0 items-center justify-center rounded text-xl leading-none text-slate-500 hover:bg-slate-100 sm:size-9"
            >
              ×
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

export const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base';
// Tap targets: 44 px tall on a phone, compact from the small breakpoint up (WCAG 2.5.8 asks at least 24 px).
export const primaryButton =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:min-h-9';
export const secondaryButton =
  'inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60 sm:min-h-9';

export { fieldError } from './field-error';
