'use client';

import { useCallback, useRef, useState } from 'react';
import { Modal, secondaryButton } from './ui/modal';

export interface ConfirmOptions {
  title: string;
  message: React.ReactNode;
  confirmLabel: string;
  /** "danger" for what cannot be taken back (delete, revoke, reject). */
  tone?: 'danger' | 'normal';
}

const confirmButton = {
  danger: 'rounded-md bg-rose-700 px-3 py-2 text-sm font-medium text-white hover:bg-rose-800 disabled:opacity-60',
  normal: 'rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60',
};

/**
 * A styled confirmation in place of the browser's confirm(): `await confirm({...})` resolves true when the
 * person confirms, false when they cancel, press Esc or close it. Render `dialog` once in the component.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, React.ReactNode] {
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((answer: boolean) => void) | null>(null);

  const confirm = useCallback((next: ConfirmOptions) => {
    resolver.current?.(false);
    setOptions(next);
    return new Promise<boolean>((resolve) => (resolver.current = resolve));
  }, []);

  const answer = (value: boolean) => {
    resolver.current?.(value);
    resolver.current = null;
    setOptions(null);
  };

  const dialog = options ? (
    <Modal title={options.title} open onClose={() => answer(false)}>
      <div className="space-y-4">
        <div className="text-sm text-slate-700">{options.message}</div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={confirmButton[options.tone ?? 'normal']} onClick={() => answer(true)}>
            {options.confirmLabel}
          </button>
          <button type="button" className={secondaryButton} onClick={() => answer(false)} data-autofocus>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  ) : null;

  return [confirm, dialog];
}
