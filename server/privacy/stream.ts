// An export's chunks as a web ReadableStream (a React Router resource route's Response body).
// Pulled one chunk at a time: the next page of rows is read only when the member's connection
// has taken the last, so a slow download holds one page, never the whole file. A cancelled
// download (the member closes the tab) ends the reading.
const encoder = new TextEncoder();

export function webStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
