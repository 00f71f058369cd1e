import { httpError } from "#app/lib/http-error.server.ts";
import { isForbidden, isNotFound } from "#server/errors.ts";
import { pageNumber } from "#server/forums/viewer.ts";
import { isUuid } from "#server/ids.ts";

/** A service's NotFound (or Forbidden, which must not reveal existence) becomes the 404 page. */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isNotFound(err) || isForbidden(err)) throw httpError(404);
    throw err;
  }
}

/** An id from the path, or the 404 page: a non-UUID never reaches a query. */
export function uuidParam(value: string | undefined): string {
  if (!isUuid(value)) throw httpError(404);
  return value;
}

/** `?page=` as a page number, or the 404 page for one that cannot exist. */
export function pageParam(request: Request): number {
  const page = pageNumber(new URL(request.url).searchParams.get("page"));
  if (page === null) throw httpError(404);
  return page;
}
