/**
 * This browser tab's id, sent with every API call (`x-rsm-tab`) and with the live stream: the server does not
 * send a tab the notices of its own changes (it refreshed what it changed already). Random per page load;
 * `getRandomValues` works on plain-HTTP addresses too, where `randomUUID` does not exist.
 */
function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const tabId = randomId();
