// Vitest (Vite) expands `import.meta.glob` at transform time; the root tsconfig has no vite/client types.
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
}
