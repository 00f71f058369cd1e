import { data } from "react-router";
import { isForbidden, isNotFound } from "#server/errors.ts";

/** A service's NotFound (or Forbidden, which must not reveal existence) becomes the 404 page. */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isNotFound(err) || isForbidden(err)) throw data(null, { status: 404 });
    throw err;
  }
}
