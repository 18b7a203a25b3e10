// Option parsers shared by commands: a bad value is a UsageError naming the flag.
import { InvalidArgumentError } from 'commander';

export function intOption(flag: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}`);
    return n;
  };
}

export function collectOption(v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v];
}

export function dateOption(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return v;
}
