'use client';

import { useEffect, useId, useRef, useState } from 'react';

export interface MenuAction {
  key: string;
  label: string;
  danger?: boolean;
  onSelect: () => void;
}

/**
 * One "⋯" button per row that opens its actions (the WAI-ARIA menu button pattern): Enter, Space or ↓ open it
 * on the first item, ↑ on the last; ↑/↓, Home and End move; Esc closes and returns to the button; Tab or a
 * click elsewhere closes it. Choosing an action also puts the focus back on the button, before the action runs.
 */
export function RowMenu({ label, actions, tabIndex }: { label: string; actions: MenuAction[]; tabIndex?: number }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const firstFocus = useRef<'first' | 'last'>('first');
  const menuId = useId();

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const list = items();
    (firstFocus.current === 'last' ? list.at(-1) : list[0])?.focus();
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  function openAt(where: 'first' | 'last') {
    firstFocus.current = where;
    setOpen(true);
  }

  function onButtonKey(e: React.KeyboardEvent) {
    if (e.altKey) return; // Alt+arrows move the row (the tree's keys).
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') openAt('first');
    else if (e.key === 'ArrowUp') openAt('last');
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  function onMenuKey(e: React.KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') list[(at + 1) % list.length]?.focus();
    else if (e.key === 'ArrowUp') list[(at - 1 + list.length) % list.length]?.focus();
    else if (e.key === 'Home') list[0]?.focus();
    else if (e.key === 'End') list.at(-1)?.focus();
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        tabIndex={tabIndex}
        data-row-actions
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(false) : openAt('first'))}
        onKeyDown={onButtonKey}
        className="flex size-11 items-center justify-center rounded-md text-lg leading-none text-slate-600 hover:bg-slate-100 md:size-9"
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-20 mt-1 min-w-44 rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                // Back on the menu's button first: a dialog the action opens returns the focus there when it closes.
                button.current?.focus();
                setOpen(false);
                action.onSelect();
              }}
              className={`block min-h-11 w-full px-3 py-2 text-left hover:bg-slate-50 focus:bg-slate-100 md:min-h-9 ${action.danger ? 'text-rose-700' : ''}`}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
