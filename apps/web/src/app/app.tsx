import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { TRPCProvider, globalApiClient } from '@/lib/trpc/global.ts';
import { ToastProvider } from '@/components/ui/toast.tsx';
import { AppErrorBoundary } from '@/components/app-error-boundary.tsx';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';

export function App() {
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={globalApiClient} queryClient={queryClient}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
