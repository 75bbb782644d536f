'use client';

import { useLayoutEffect, type RefObject } from 'react';
import { takeTypedValue } from './early-typing';

/** A text box, check box or single-choice list whose value a component's state mirrors. */
export type EarlyControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Whether the user changed `el` before hydration. Hydration sets a box's default to the rendered
 * value and leaves its value alone; a list keeps the option the server marked selected as its
 * default (an option rendered on the client is never marked, so such a list never counts).
 */
function changedEarly(el: Element): el is EarlyControl {
  if (el instanceof HTMLInputElement) return el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;
  if (el instanceof HTMLSelectElement) {
    const rendered = Array.from(el.options).find((o) => o.defaultSelected);
    return !el.multiple && rendered !== undefined && el.value !== rendered.value;
  }
  return el instanceof HTMLTextAreaElement && el.value !== el.defaultValue;
}

/** Puts back what was typed into a text area that hydration reset to the server's text (components/ui/early-typing.ts). */
function restoreTyped(el: Element): void {
  if (!(el instanceof HTMLTextAreaElement)) return;
  const typed = takeTypedValue(el);
  if (typed !== undefined && typed !== el.value) el.value = typed;
}

/**
 * Adopts what was typed or chosen in server-rendered controls before the page became interactive.
 * On hydration React keeps such text in the box (and the choice in the list) but not in state, so
 * a controlled field would show one value and act on the rendered one. Once, on hydration, every
 * control under `ref` (a form's controls, or the control itself) that no longer shows what the
 * server rendered is handed to `adopt`, which copies its `name`d value (or `checked`) into state, or
 * acts on it. Controls mounted later start at their defaults and are never handed over. A text area
 * the server rendered with text is reset to it by React itself; what was typed in it is put back
 * first (components/ui/early-typing.ts).
 */
export function useEarlyInput(ref: RefObject<HTMLFormElement | EarlyControl | null>, adopt: (control: EarlyControl) => void): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const controls = root instanceof HTMLFormElement ? Array.from(root.elements) : [root];
    for (const el of controls) {
      restoreTyped(el);
      if (changedEarly(el)) adopt(el);
    }
    // Once, on hydration: afterwards the controls show state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
