'use client';

import { useLayoutEffect, type RefObject } from 'react';

/** A text box or check box whose value a form's state mirrors. */
export type EarlyControl = HTMLInputElement | HTMLTextAreaElement;

/** Whether the user changed `el` before hydration: React sets its default to the rendered value then, and leaves the value alone. */
function changedEarly(el: Element): el is EarlyControl {
  if (el instanceof HTMLInputElement) return el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;
  return el instanceof HTMLTextAreaElement && el.value !== el.defaultValue;
}

/**
 * Adopts what was typed into server-rendered controls before the page became interactive. On
 * hydration React keeps such text in the box but not in state, so a controlled field would show the
 * typed text and submit the rendered one. Once, on hydration, every control under `ref` (a form's
 * controls, or the control itself) that no longer shows what the server rendered is handed to
 * `adopt`, which copies its `name`d value (or `checked`) into state. Controls mounted later start
 * at their defaults and are never handed over. (A textarea the server rendered with text is reset
 * to it by React itself; only empty ones keep early typing.)
 */
export function useEarlyInput(ref: RefObject<HTMLFormElement | EarlyControl | null>, adopt: (control: EarlyControl) => void): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const controls = root instanceof HTMLFormElement ? Array.from(root.elements) : [root];
    for (const el of controls) if (changedEarly(el)) adopt(el);
    // Once, on hydration: afterwards the controls show state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
