// jsdom (29) tracks each document's NodeIterators in an "iterable weak set" (so that removing a
// node can move any iterator standing on it). Its `add` makes a `new WeakRef(iterator)`, and
// ECMAScript keeps the target of every new WeakRef alive until the current synchronous job ends
// (KeepDuringJob). DOMPurify makes one NodeIterator per sanitize, on a document of its own; the
// iterator holds that document, so every document sanitized in one job stayed alive until the
// job ended: ~11 MB for each dense 20 KB post (docs/architecture.md, pitfalls; measured 1.7 GB after 50
// renders in a row, 34 MB with this change). A document's iterators live exactly as long as the
// document, so a plain Set inside the same document loses nothing: same members, same order,
// no WeakRef. Decision record 010.
import { createRequire } from "node:module";

type TrackedSet = { _strong?: Set<object> };

let patched = false;

/** Applied once, before the renderer's window exists. Returns whether jsdom had the shape
 *  this expects (a later jsdom may not; then nothing is changed and memory is as shipped). */
export function trackNodeIteratorsStrongly(): boolean {
  if (patched) return true;
  const require = createRequire(import.meta.url);
  let IterableWeakSet: { prototype: Record<string | symbol, unknown> };
  try {
    IterableWeakSet = require("jsdom/lib/jsdom/living/helpers/iterable-weak-set.js");
  } catch {
    return false;
  }
  const proto = IterableWeakSet.prototype;
  if (typeof proto.add !== "function" || typeof proto[Symbol.iterator] !== "function") return false;
  proto.add = function add(this: TrackedSet, value: object) {
    this._strong ??= new Set();
    this._strong.add(value);
    return this;
  };
  proto.delete = function remove(this: TrackedSet, value: object) {
    return this._strong?.delete(value) ?? false;
  };
  proto.has = function has(this: TrackedSet, value: object) {
    return this._strong?.has(value) ?? false;
  };
  proto[Symbol.iterator] = function* iterate(this: TrackedSet) {
    if (this._strong) yield* this._strong;
  };
  patched = true;
  return true;
}
