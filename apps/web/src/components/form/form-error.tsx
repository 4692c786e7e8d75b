import { CircleAlert } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';

/** The message for a whole form (wrong password, network down…); nothing when null. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden="true" />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
