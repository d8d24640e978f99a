// A progress line on stderr for long runs; silent when stderr is not a terminal, so logs stay clean.
export class Progress {
  private lastDraw = 0;
  private readonly started = performance.now();
  private readonly enabled = process.stderr.isTTY === true;

  constructor(private readonly label: string) {}

  update(done: number, failed: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    process.stderr.write(
      `\r${this.label}: ${done.toLocaleString('en-US')} 条，${failed} 条失败，${rate.toLocaleString('en-US')} 条/秒   `,
    );
  }

  clear(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }

  done(done: number, failed: number): void {
    this.clear();
    const seconds = (performance.now() - this.started) / 1000;
    process.stderr.write(`${this.label}: 共 ${done} 条，失败 ${failed} 条，用时 ${seconds.toFixed(1)} 秒\n`);
  }
}
