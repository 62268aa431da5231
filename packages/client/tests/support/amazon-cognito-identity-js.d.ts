// The reference implementation's internals have no type declarations; only what the SRP test uses.
declare module 'amazon-cognito-identity-js/lib/AuthenticationHelper.js' {
  const AuthenticationHelper: new (poolName: string) => AcijAuthenticationHelper;
  export default AuthenticationHelper;
}
declare module 'amazon-cognito-identity-js/lib/BigInteger.js' {
  const BigInteger: new (hex: string, radix: number) => AcijBigInteger;
  export default BigInteger;
}
declare module 'amazon-cognito-identity-js/lib/DateHelper.js' {
  const DateHelper: new () => { getNowString(): string };
  export default DateHelper;
}

interface AcijBigInteger {
  toString(radix: number): string;
}

interface AcijAuthenticationHelper {
  smallAValue: AcijBigInteger;
  largeAValue: AcijBigInteger | undefined;
  getLargeAValue(callback: (error: unknown, value: AcijBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: AcijBigInteger,
    salt: AcijBigInteger,
    callback: (error: unknown, key: ArrayLike<number>) => void,
  ): void;
}
