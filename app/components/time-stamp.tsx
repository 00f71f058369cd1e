export function TimeStamp({ at }: { at: { relative: string; exact: string; iso: string } | null }) {
  if (!at) return null;
  return (
    <time dateTime={at.iso} title={at.exact}>
      {at.relative}
    </time>
  );
}
