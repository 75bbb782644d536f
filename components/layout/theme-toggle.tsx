'use client';

/** Switches between light and dark and remembers the choice. */
export function ThemeToggle() {
  return (
    <button
      type="button"
      className="rounded border border-[var(--border)] px-2 py-1 text-xs hover:bg-[var(--panel-2)]"
      onClick={() => {
        const dark = document.documentElement.classList.toggle('dark');
        localStorage.setItem('sightline-theme', dark ? 'dark' : 'light');
      }}
    >
      Theme
    </button>
  );
}
