import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Logo } from '@/components/logo.tsx';
import { UserMenu } from '@/components/user-menu.tsx';
import { OnboardingSteps } from '@/components/onboarding-steps.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { StudioStep } from './studio-step.tsx';
import { RoomStep } from './room-step.tsx';

/** Steps 2 and 3 of onboarding (step 1, the account, was the sign-up). */
export function OnboardingPage() {
  const { t } = useTranslation();
  const { studio, user, can, pathTo } = useCurrentStudio();
  const [params] = useSearchParams();
  if (studio.onboardedAt) return <Navigate to={pathTo()} replace />;
  const step = params.get('step') === 'room' ? 'room' : 'studio';

  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between gap-4 border-b bg-background px-4 py-3 sm:px-8">
        <Logo to={pathTo('onboarding')} />
        <UserMenu user={user} compact />
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-8">
        <OnboardingSteps current={step} />
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              {t(step === 'room' ? 'onboarding.room.title' : 'onboarding.studio.title')}
            </CardTitle>
            <CardDescription>{t(step === 'room' ? 'onboarding.room.description' : 'onboarding.studio.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            {!can('studio:write') ? (
              <Alert>
                <AlertDescription>{t('onboarding.ownerMustFinish')}</AlertDescription>
              </Alert>
            ) : step === 'room' ? (
              <RoomStep />
            ) : (
              <StudioStep />
            )}
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
