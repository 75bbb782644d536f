/**
 * Hidden inputs carrying the page's other URL parameters (time range, refresh, other filters), so
 * that a filter form sent before the page is interactive, a plain GET of the page, keeps them.
 */
export function KeptParams({ params, except }: { params: URLSearchParams; except: readonly string[] }) {
  return (
    <>
      {[...params.entries()]
        .filter(([name]) => !except.includes(name))
        .map(([name, value], i) => (
          <input key={`${name}:${i}`} type="hidden" name={name} value={value} />
        ))}
    </>
  );
}
