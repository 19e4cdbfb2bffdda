/**
 * Where the Cognito hosted UI sends the browser back: hands the code and state (or the error) to the task pane
 * and nothing else. The pane holds the PKCE verifier and exchanges the code itself.
 */

function send(): void {
  const q = new URLSearchParams(window.location.search);
  const message = JSON.stringify({
    code: q.get('code') ?? undefined,
    state: q.get('state') ?? undefined,
    error: q.get('error') ?? undefined,
  });
  // DialogApi 1.2 lets the pane see (and check) the sender's origin.
  if (Office.context.requirements.isSetSupported('DialogApi', '1.2')) {
    Office.context.ui.messageParent(message, { targetOrigin: window.location.origin });
  } else {
    Office.context.ui.messageParent(message);
  }
}

Office.onReady(() => send());
