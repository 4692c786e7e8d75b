/** Enqueue the processing of a new version (peaks, loudness, preview). One job per version. */
import type { Platform } from '../../platform/platform.ts';

export async function scheduleAudioProcessing(platform: Platform, studioId: string, versionId: string): Promise<void> {
  await platform.jobs.schedule('audio.process', { studioId, versionId }, { key: versionId });
}
