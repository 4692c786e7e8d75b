/** `--name value` and `--flag` from the command line. */
export function cliOption(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? process.argv[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
}

export function cliFlag(name: string): boolean {
  return process.argv.includes(name);
}
