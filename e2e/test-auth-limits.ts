/**
 * AUTH_LIMITS for the servers the e2e suite starts: every sign-in, sign-up and guest limit per address
 * raised to 10,000 a minute, because the whole suite runs from 127.0.0.1. The attack replays in
 * e2e/security/ start their servers with AUTH_LIMITS unset, so they meet the production defaults.
 */
const generous = [{ quota: 10_000, windowSeconds: 60 }];
export const TEST_AUTH_LIMITS = JSON.stringify({
  signInPerAccountAddress: generous,
  signInPerAddress: generous,
  signUpPerAddress: generous,
  guestPerAddress: generous,
});
