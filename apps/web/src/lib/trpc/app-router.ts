/**
 * The one place the web app learns the server's API type. Type-only: no
 * server code reaches the browser bundle.
 */
export type { AppRouter } from '../../../../server/src/trpc/app-router.ts';
