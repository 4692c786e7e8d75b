/**
 * One resumable upload (tus) of a file to the studio's upload endpoint: progress and speed, pause and
 * resume, automatic retries when the network drops (and a restart when it comes back after the retries
 * ran out), and resume after a page reload: the upload URL is kept in localStorage under a fingerprint
 * of the file and track, so picking the same file again continues where it stopped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DetailedError, Upload } from 'tus-js-client';

export type UploadPhase = 'idle' | 'uploading' | 'paused' | 'offline' | 'finishing' | 'done' | 'error';

export interface UploadState {
  phase: UploadPhase;
  bytesSent: number;
  bytesTotal: number;
  /** Bytes per second, smoothed. */
  speed: number;
  /** A code of the server's JSON refusal (QUOTA_EXCEEDED, UNSUPPORTED_TYPE…), or NETWORK / UNKNOWN. */
  errorCode: string | null;
  resumed: boolean;
  versionId: string | null;
}

const INITIAL: UploadState = { phase: 'idle', bytesSent: 0, bytesTotal: 0, speed: 0, errorCode: null, resumed: false, versionId: null };
/** Retries over about two minutes; past that we wait for the browser's `online` event. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000];
const CHUNK_SIZE = 8 * 1024 * 1024;

export interface StartOptions {
  endpoint: string;
  file: File;
  metadata: { trackId: string; label: string; note: string };
}

function errorCodeOf(error: Error): string {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return 'NETWORK';
  try {
    const body = JSON.parse(response.getBody()) as { code?: unknown };
    if (typeof body.code === 'string') return body.code;
  } catch {
    // not our JSON: fall back on the status
  }
  const status = response.getStatus();
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_TYPE';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  return status >= 500 || status === 0 ? 'NETWORK' : 'UNKNOWN';
}

export function useTusUpload(onDone: (versionId: string | null) => void) {
  const [state, setState] = useState<UploadState>(INITIAL);
  const upload = useRef<Upload | null>(null);
  const sample = useRef<{ at: number; bytes: number } | null>(null);
  const phase = useRef<UploadPhase>('idle');
  /** The upload gave up while offline (retries exhausted): the `online` event starts it again. */
  const stoppedOffline = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;

  const set = useCallback((patch: Partial<UploadState>) => {
    if (patch.phase) phase.current = patch.phase;
    setState((s) => ({ ...s, ...patch }));
  }, []);

  const start = useCallback(
    async ({ endpoint, file, metadata }: StartOptions) => {
      const next = new Upload(file, {
        endpoint,
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        metadata: { ...metadata, filename: file.name, filetype: file.type },
        // The same file for the same track resumes; another track is another upload.
        fingerprint: async (f) => ['rsm-upload', metadata.trackId, f.name, f.size, f.lastModified, endpoint].join(':'),
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onProgress: (bytesSent, bytesTotal) => {
          const now = performance.now();
          const last = sample.current;
          let speed: number | undefined;
          if (last && now - last.at > 250) {
            const instant = ((bytesSent - last.bytes) * 1000) / (now - last.at);
            sample.current = { at: now, bytes: bytesSent };
            speed = instant;
          } else if (!last) sample.current = { at: now, bytes: bytesSent };
          setState((s) => ({
            ...s,
            bytesSent,
            bytesTotal,
            speed: speed === undefined ? s.speed : s.speed === 0 ? speed : s.speed * 0.7 + speed * 0.3,
            phase: bytesSent >= bytesTotal ? 'finishing' : phase.current === 'offline' ? 'uploading' : s.phase,
          }));
          if (phase.current === 'offline') phase.current = 'uploading';
        },
        onShouldRetry: (error, attempt) => {
          const status = error.originalResponse?.getStatus() ?? 0;
          const retry = status === 0 || status >= 500 || status === 409 || status === 423;
          if (retry && status === 0) set({ phase: 'offline' });
          return retry && attempt < RETRY_DELAYS.length;
        },
        onError: (error) => {
          const code = errorCodeOf(error);
          // Out of retries while offline: keep the upload, start again when the network is back.
          stoppedOffline.current = code === 'NETWORK' && !navigator.onLine;
          set(stoppedOffline.current ? { phase: 'offline' } : { phase: 'error', errorCode: code });
        },
        onSuccess: ({ lastResponse }) => {
          const versionId = lastResponse.getHeader('Rsm-Version-Id') ?? null;
          set({ phase: 'done', versionId });
          done.current(versionId);
        },
      });
      upload.current = next;
      sample.current = null;
      const previous = await next.findPreviousUploads();
      const resumed = previous.length > 0;
      if (resumed) next.resumeFromPreviousUpload(previous[0]!);
      set({ ...INITIAL, phase: 'uploading', bytesTotal: file.size, resumed });
      next.start();
    },
    [set],
  );

  const pause = useCallback(() => {
    void upload.current?.abort();
    set({ phase: 'paused', speed: 0 });
  }, [set]);

  const resume = useCallback(() => {
    sample.current = null;
    stoppedOffline.current = false;
    set({ phase: 'uploading', errorCode: null });
    upload.current?.start();
  }, [set]);

  const reset = useCallback(() => {
    void upload.current?.abort();
    upload.current = null;
    set({ ...INITIAL });
  }, [set]);

  useEffect(() => {
    const online = () => {
      if (stoppedOffline.current && upload.current) {
        stoppedOffline.current = false;
        sample.current = null;
        upload.current.start();
      }
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      void upload.current?.abort();
    };
  }, []);

  return { state, start, pause, resume, reset };
}
