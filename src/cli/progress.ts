// A progress bar for long imports on a terminal; plain milestone lines when output is piped.
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const lastMilestone = new Map<string, number>();
  return (step: string, done: number, total: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(`\r${step.padEnd(12)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) stream.write('\n');
      return;
    }
    const milestone = Math.floor(ratio * 4);
    if (milestone > (lastMilestone.get(step) ?? -1)) {
      lastMilestone.set(step, milestone);
      stream.write(`${step}: ${done}/${total}\n`);
    }
  };
}
