import type {
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
  ForgotPasswordRequest,
  ForgotPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientUserOperation } from './client-user.js';
import { invalidParameter, notAuthorized, userNotFound } from './cognito-error.js';
import type { CognitoOperation } from './cognito-operation.js';
import { postConfirmation } from './cognito-triggers.js';
import { hidesUserExistence, unknownUserError } from './domain/client-policy.js';
import { passwordVerifier } from './domain/credentials.js';
import { clearFailedSignIns } from './domain/sign-in-lockout.js';
import { clientUserSpec, Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { Services } from './services.js';

const forgotPassword = clientUserOperation<ForgotPasswordRequest, ForgotPasswordResponse>()(
  'ForgotPassword',
  clientUserSpec,
  (s: Pick<Services, 'users' | 'codes' | 'delivery'>, { pool, client, user }, input) => {
    // A client that hides users answers every refusal below as it would answer a real delivery.
    const refuse = (error: () => Error) => {
      if (!hidesUserExistence(client)) throw error();
      // As a real user's new code does, the simulated one restarts the count of wrong guesses.
      s.codes.resetHidden(pool, input.Username, 'forgotPassword');
      return { CodeDeliveryDetails: s.delivery.simulated(pool, input.Username) };
    };
    if (user === undefined) return refuse(userNotFound);
    if (!user.enabled) return refuse(() => notAuthorized('User is disabled.'));
    const channel = s.users.recoveryChannel(pool, user);
    if (channel === undefined) {
      return refuse(() =>
        invalidParameter(
          'Cannot reset password for the user as there is no registered/verified email or phone_number',
        ),
      );
    }
    const code = s.codes.issue(pool, user, 'forgotPassword', channel);
    return {
      CodeDeliveryDetails: s.delivery.deliver(pool, user, 'ForgotPassword', channel, { code: code.code }),
    };
  },
);

const confirmForgotPassword = clientUserOperation<
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse
>()(
  'ConfirmForgotPassword',
  { ...clientUserSpec, ConfirmationCode: Fields.code, Password: Fields.password },
  async (s: Pick<Services, 'config' | 'users' | 'codes'>, { pool, client, user }, input) => {
    // A hiding client answers a name that matches no user (or a disabled user) as a wrong code, counting the
    // guesses so the attempt limit comes when it would for a user with a code.
    const hiddenFailure = () => s.codes.hiddenFailure(pool, input.Username, 'forgotPassword');
    if (user === undefined) throw unknownUserError(client, hiddenFailure);
    if (!user.enabled) {
      if (hidesUserExistence(client)) throw hiddenFailure();
      throw notAuthorized('User is disabled.');
    }
    s.codes.match(pool, user, 'forgotPassword', input.ConfirmationCode);
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    user.credential = passwordVerifier(pool.Id, user.username, input.Password);
    delete user.temporaryPasswordExpiresAt;
    if (user.status === 'RESET_REQUIRED' || user.status === 'FORCE_CHANGE_PASSWORD') {
      user.status = 'CONFIRMED';
    }
    clearFailedSignIns(user);
    s.users.save(pool, user);
    await postConfirmation(s.config, pool, user, 'PostConfirmation_ConfirmForgotPassword', {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
  },
);

/** ForgotPassword and ConfirmForgotPassword: a password reset by a code sent to a verified channel. */
export const passwordRecoveryOperations: readonly CognitoOperation[] = [
  forgotPassword,
  confirmForgotPassword,
];
