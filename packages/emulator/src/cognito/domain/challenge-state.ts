import type { SrpServerState } from '../srp.js';

/** State between InitiateAuth and RespondToAuthChallenge. */
export type ChallengeState =
  | {
      kind: 'srp';
      poolId: string;
      clientId: string;
      username: string;
      srpA: string;
      server: SrpServerState;
      /**
       * Set for a simulated challenge (a user who does not exist, or has no password): the stand-in
       * verifier the proof is checked against, so a simulated answer costs what a real one does, and the
       * name as typed when the user does not exist.
       */
      simulated?: { verifier: string; unknownUser?: string };
    }
  | { kind: 'newPassword'; poolId: string; clientId: string; username: string }
  | MfaChallengeState
  | UserAuthChallengeState;

/** What every challenge after the first factor carries: who, through which client, for which tokens. */
interface SignInStep {
  poolId: string;
  clientId: string;
  username: string;
  /** The PreTokenGeneration source of the tokens the sign-in ends with. */
  triggerSource: string;
}

/** The second factor, and the steps that choose or set it up. */
export type MfaChallengeState =
  | (SignInStep & {
      kind: 'mfaCode';
      factor: 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
      /** The emailed code (EMAIL_OTP) and when it stops working. */
      code?: { value: string; expiresAt: number };
      /** Wrong codes typed in this session so far. */
      failures: number;
    })
  | (SignInStep & { kind: 'selectMfa'; options: string[] })
  /** MFA_SETUP: `secret` once AssociateSoftwareToken gave one, `verified` once VerifySoftwareToken took it. */
  | (SignInStep & { kind: 'mfaSetup'; secret?: string; verified?: boolean; failures: number });

/** Choice-based sign-in (USER_AUTH): the choice of first factor, and an emailed one-time password. */
export type UserAuthChallengeState =
  | {
      kind: 'selectChallenge';
      poolId: string;
      clientId: string;
      /** The user's username, or the name as typed for a user who does not exist (a hiding client). */
      username: string;
      unknownUser: boolean;
      available: string[];
    }
  | {
      kind: 'emailOtp';
      poolId: string;
      clientId: string;
      username: string;
      /** Absent for a simulated challenge of a user who does not exist: every code is wrong. */
      code?: { value: string; expiresAt: number };
      failures: number;
    };
