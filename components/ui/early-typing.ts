/**
 * What was typed into text areas before the page became interactive. On hydration React resets a
 * text area the server rendered with text back to that text (it leaves text inputs alone), so the
 * typing is lost before any component can see it. This script, inlined in the page's head
 * (app/layout.tsx), runs before React does and remembers each text area's latest typed value on the
 * element; useEarlyInput (components/ui/use-early-input.ts) takes it back on hydration.
 */

/** The element property that holds a text area's latest typed value. */
export const TYPED_VALUE = '__sightlineTyped';

export const earlyTypingScript = `document.addEventListener('input',function(e){var t=e.target;if(t instanceof HTMLTextAreaElement)t.${TYPED_VALUE}=t.value},true)`;

/** A text area's value as last typed, forgotten once taken; undefined when nothing was typed in it. */
export function takeTypedValue(el: HTMLTextAreaElement): string | undefined {
  const holder = el as HTMLTextAreaElement & { [TYPED_VALUE]?: string };
  const typed = holder[TYPED_VALUE];
  delete holder[TYPED_VALUE];
  return typed;
}
