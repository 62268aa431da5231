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
  | { kind: 'newPassword'; poolId: string; clientId: string; username: string };
