// One way for the pages to ask the server: POST /graphql on the page's own
// origin. Every failure becomes a RequestError whose message can be shown to
// the user as it is.

/** A failed request: the server was unreachable, answered with something
 * that is not GraphQL, or answered with GraphQL errors. */
export class RequestError extends Error {
  /** extensions.code of the first GraphQL error (EINVALID, ENOTFOUND, …), if any. */
  readonly code?: string;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs query with variables and returns its data, or throws a RequestError.
 * headers are added to the request's (an Authorization token). */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
  let resp: Response;
  try {
    resp = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new RequestError(`The server could not be reached (${(err as Error).message}).`);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await resp.json()) as GraphQLResponse<T>;
  } catch {
    throw new RequestError(`The server failed (HTTP ${resp.status}${resp.statusText ? ' ' + resp.statusText : ''}); try again later.`);
  }
  if (body.errors && body.errors.length > 0) {
    throw new RequestError(body.errors.map((e) => e.message).join('; '), body.errors[0].extensions?.code);
  }
  if (!resp.ok || body.data == null) {
    throw new RequestError(`The server failed (HTTP ${resp.status}); try again later.`);
  }
  return body.data;
}

/** True when err is the AbortError of a superseded request. */
export function aborted(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
