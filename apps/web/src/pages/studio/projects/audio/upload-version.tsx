/**
 * Upload a new version of a track: pick or drop a file, choose its label, add a note; a resumable upload
 * with progress, speed, pause / resume, automatic retry after a network loss and resume after a reload.
 * Refusals (quota, size, type) are explained before and after the server checks.
 */
import { useRef, useState, type DragEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Pause, Play, UploadCloud, X } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { cn } from '@/lib/cn.ts';
import { formatBytes, formatDuration } from './upload-format.ts';
import { useTusUpload } from './use-tus-upload.ts';

const LABELS = ['demo', 'rough_mix', 'mix', 'master', 'stems', 'other'] as const;
const ACCEPT = '.wav,.wave,.aif,.aiff,.aifc,.flac,.mp3,.m4a,.mp4,.aac,.ogg,.oga,.opus,.zip,audio/*,application/zip';
const KNOWN_ERRORS = ['QUOTA_EXCEEDED', 'FILE_TOO_LARGE', 'UNSUPPORTED_TYPE', 'TRACK_NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN', 'BAD_METADATA', 'NETWORK'];

export function UploadVersion({ trackId, onUploaded }: { trackId: string; onUploaded?: (versionId: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const config = useQuery(trpc.audio.uploadConfig.queryOptions());
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState<(typeof LABELS)[number]>('mix');
  const [note, setNote] = useState('');
  const [dragging, setDragging] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { state, start, pause, resume, reset } = useTusUpload((versionId) => {
    void queryClient.invalidateQueries({ queryKey: trpc.audio.uploadConfig.queryKey() });
    onUploaded?.(versionId);
  });
  const busy = state.phase === 'uploading' || state.phase === 'paused' || state.phase === 'offline' || state.phase === 'finishing';
  const size = (bytes: number) => formatBytes(bytes, i18n.language);

  const choose = (picked: File | undefined) => {
    if (!picked || busy) return;
    setLocalError(null);
    reset();
    setFile(picked);
    if (/\.zip$/i.test(picked.name)) setLabel('stems');
  };

  const submit = () => {
    if (!file || !config.data) return;
    if (file.size > config.data.maxBytes) return setLocalError(t('audio.upload.errors.FILE_TOO_LARGE', { max: size(config.data.maxBytes) }));
    if (file.size > config.data.remainingBytes) return setLocalError(t('audio.upload.errors.QUOTA_EXCEEDED', { remaining: size(config.data.remainingBytes) }));
    setLocalError(null);
    void start({ endpoint: config.data.endpoint, file, metadata: { trackId, label, note: note.trim() } });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  const percent = state.bytesTotal ? Math.floor((state.bytesSent / state.bytesTotal) * 100) : 0;
  const remaining = state.speed > 0 ? (state.bytesTotal - state.bytesSent) / state.speed : null;
  const serverError =
    state.phase === 'error' && state.errorCode
      ? t(`audio.upload.errors.${KNOWN_ERRORS.includes(state.errorCode) ? state.errorCode : 'UNKNOWN'}`, {
          remaining: size(config.data?.remainingBytes ?? 0),
          max: size(config.data?.maxBytes ?? 0),
        })
      : null;

  return (
    <section className="grid gap-4" aria-label={t('audio.upload.title')} data-testid="upload-version">
      <div
        role="button"
        tabIndex={0}
        onClick={() => !busy && input.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && !busy && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-6 text-center text-sm text-muted-foreground transition-colors',
          dragging && 'border-primary bg-primary/5',
          busy && 'opacity-60',
        )}
      >
        <UploadCloud className="size-8" aria-hidden="true" />
        <span>{file ? t('audio.upload.chosen', { name: file.name, size: size(file.size) }) : t('audio.upload.drop')}</span>
        <span className="text-xs">{t('audio.upload.formats')}</span>
        {config.data ? (
          <span className="text-xs">{t('audio.upload.quota', { remaining: size(config.data.remainingBytes), quota: size(config.data.quotaBytes) })}</span>
        ) : null}
      </div>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="sr-only"
        aria-label={t('audio.upload.pick')}
        data-testid="upload-file-input"
        onChange={(e) => choose(e.target.files?.[0])}
      />

      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <div className="grid gap-1.5">
          <Label htmlFor="upload-label">{t('audio.upload.label')}</Label>
          <Select value={label} onValueChange={(v) => setLabel(v as (typeof LABELS)[number])} disabled={busy}>
            <SelectTrigger id="upload-label">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {LABELS.map((l) => (
                <SelectItem key={l} value={l}>
                  {t(`audio.labels.${l}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="upload-note">{t('audio.upload.note')}</Label>
          <Input
            id="upload-note"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            disabled={busy}
            placeholder={t('audio.upload.notePlaceholder')}
          />
        </div>
      </div>

      {localError || serverError ? (
        <Alert variant="destructive">
          <AlertDescription>{localError ?? serverError}</AlertDescription>
        </Alert>
      ) : null}

      {state.phase !== 'idle' && state.phase !== 'error' ? (
        <div className="grid gap-1.5" aria-live="polite">
          <div
            className="h-2 w-full overflow-hidden rounded-full bg-muted"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t('audio.upload.progress')}
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-xs text-muted-foreground" data-testid="upload-status">
            {state.phase === 'done'
              ? t('audio.upload.done')
              : state.phase === 'finishing'
                ? t('audio.upload.finishing')
                : state.phase === 'offline'
                  ? t('audio.upload.offline', { percent })
                  : state.phase === 'paused'
                    ? t('audio.upload.paused', { percent })
                    : t('audio.upload.sending', {
                        percent,
                        sent: size(state.bytesSent),
                        total: size(state.bytesTotal),
                        speed: size(state.speed),
                        eta: remaining === null ? '…' : formatDuration(remaining),
                      })}
          </p>
          {state.resumed && state.phase !== 'done' ? <p className="text-xs text-muted-foreground">{t('audio.upload.resumed')}</p> : null}
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {!busy ? (
          <Button type="button" onClick={submit} disabled={!file || !config.data || state.phase === 'done'}>
            <UploadCloud aria-hidden="true" />
            {t('audio.upload.start')}
          </Button>
        ) : null}
        {state.phase === 'uploading' || state.phase === 'offline' ? (
          <Button type="button" variant="outline" onClick={pause}>
            <Pause aria-hidden="true" />
            {t('audio.upload.pause')}
          </Button>
        ) : null}
        {state.phase === 'paused' || state.phase === 'error' ? (
          <Button
            type="button"
            variant="outline"
            onClick={resume}
            disabled={state.phase === 'error' && state.errorCode !== 'NETWORK' && state.errorCode !== 'UNKNOWN'}
          >
            <Play aria-hidden="true" />
            {t('audio.upload.resume')}
          </Button>
        ) : null}
        {file && state.phase !== 'finishing' ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              reset();
              setFile(null);
              setLocalError(null);
            }}
          >
            <X aria-hidden="true" />
            {state.phase === 'done' ? t('audio.upload.another') : t('audio.upload.cancel')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
