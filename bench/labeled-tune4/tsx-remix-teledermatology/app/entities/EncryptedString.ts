import { Type } from '@mikro-orm/core';
import { seal, unseal } from '../services/crypto.server';

export class EncryptedString extends Type<string | null, string | null> {
  convertToDatabaseValue(value: string | null): string | null {
    return value == null ? null : seal(value);
  }

  convertToJSValue(value: string | null): string | null {
    return value == null ? null : unseal(value);
  }

  getColumnType(): string {
    return 'text';
  }
}
