// @org/emulator declares the untyped `dynalite` module in its own sources; type-checking the emulator's
// source from this package needs that declaration in scope too.
/// <reference path="../../../emulator/src/dynamodb/dynalite.d.ts" />
