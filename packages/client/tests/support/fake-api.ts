/** One request the client made to the API. */
export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export type ApiAnswer =
  | Response
  | Error
  | ((request: ApiRequest, signal: AbortSignal | undefined) => Promise<Response>);

/** The API at the HTTP edge: records requests and answers from a queue (the last answer repeats). */
export function fakeApi(...answers: ApiAnswer[]) {
  const requests: ApiRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request: ApiRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body === undefined ? undefined : String(init.body),
    };
    requests.push(request);
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer === undefined) throw new Error('no answer queued');
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(request, init?.signal ?? undefined);
    return answer.clone();
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export const NOTE = {
  noteId: '01JDQ8ZK3M4N5P6Q7R8S9T0V1W',
  title: 'Hello',
  body: '',
  tags: [],
  createdAt: '2026-11-26T12:00:00.000Z',
  updatedAt: '2026-11-26T12:00:00.000Z',
  version: 1,
};

export const envelope = (error: string, message: string, details?: unknown) => ({
  error,
  message,
  requestId: 'req-1',
  ...(details ? { details } : {}),
});
