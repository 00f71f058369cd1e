// The smallest page React Router can serve here: the framework's own floor, against which the
// forum pages are benchmarked (tests/bench/forum-pages.ts). No loader, no database.
export default function Ping() {
  return <p>ok</p>;
}
