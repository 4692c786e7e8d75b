import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { downloadText } from '@/lib/download.ts';

/** GDPR export: one call gives the JSON file and a readable summary; both are downloaded. Audited. */
export function GdprExportDialog({ client, onClose }: { client: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const run = useMutation(trpc.clients.gdprExport.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<{
    json: { filename: string; mimeType: string; content: string };
    summary: { filename: string; mimeType: string; content: string };
  } | null>(null);
  const exportData = async () => {
    setError(null);
    try {
      const result = await run.mutateAsync({ id: client.id });
      setFiles(result);
      downloadText(result.json);
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('clients.gdpr.exportTitle', { name: client.name })}</DialogTitle>
          <DialogDescription>{t('clients.gdpr.exportDescription')}</DialogDescription>
        </DialogHeader>
        <FormError message={error} />
        {files ? (
          <div className="grid gap-2">
            <Button variant="outline" onClick={() => downloadText(files.json)}>
              {t('clients.gdpr.downloadJson')}
            </Button>
            <Button variant="outline" onClick={() => downloadText(files.summary)}>
              {t('clients.gdpr.downloadSummary')}
            </Button>
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {t('common.close')}
          </Button>
          {files ? null : (
            <Button onClick={() => void exportData()} loading={run.isPending}>
              {t('clients.gdpr.export')}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** GDPR erasure: irreversible, so the client's name must be typed to confirm. */
export function EraseDialog({ client, onClose }: { client: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const { pathTo } = useCurrentStudio();
  const erase = useMutation(trpc.clients.erase.mutationOptions());
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim().toLowerCase() === client.name.trim().toLowerCase();
  const confirm = async () => {
    setError(null);
    try {
      await erase.mutateAsync({ id: client.id, confirmName: typed });
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.booking.all.queryKey() });
      toast(t('clients.gdpr.erased'));
      onClose();
      void navigate(pathTo('clients'));
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent role="alertdialog">
        <DialogHeader>
          <DialogTitle>{t('clients.gdpr.eraseTitle', { name: client.name })}</DialogTitle>
          <DialogDescription>{t('clients.gdpr.eraseDescription')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="erase-confirm">{t('clients.gdpr.typeName', { name: client.name })}</Label>
          <Input id="erase-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </div>
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="destructive" onClick={() => void confirm()} loading={erase.isPending} disabled={!matches}>
            {t('clients.gdpr.eraseConfirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
