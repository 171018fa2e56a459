/**
 * Collects a stream's bytes up to a cap and counts the rest, so a command printing 100 MB costs at most
 * the cap in memory while it still runs to its end.
 */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
    this.dropped += chunk.length - part.length;
  }

  /** Drops the first `n` kept bytes (escalation chatter before the command's own output). */
  shift(n: number): void {
    const all = this.bytes().subarray(n);
    this.chunks = [all];
    this.kept = all.length;
  }

  bytes(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  text(): string {
    return this.bytes().toString('utf8');
  }
}
