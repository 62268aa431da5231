import { describe, expect, it } from 'vitest';
import { formatTags, parseTags } from '../../src/notes/tags.js';

describe('parseTags', () => {
  it.each([
    ['', []],
    ['work', ['work']],
    [' work ,  home,, ', ['work', 'home']],
  ])('reads %j as %j', (text, tags) => {
    expect(parseTags(text)).toEqual(tags);
  });

  it('formats what it parses back to the same tags', () => {
    expect(parseTags(formatTags(['a', 'b c']))).toEqual(['a', 'b c']);
  });
});
