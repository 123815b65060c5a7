/**
 * SSDK530: what a generator guessed (the spec's guesses file, core/spec/guessFile.ts, passed in by the caller as
 * `context.guesses`), reported as an information on the guessed place while the value there is still the one
 * guessed. Changing the value (the author decided) or removing the guess (*Mark as checked*) ends the finding.
 */
import { getPath } from '../astUtil';
import type { Rule } from '../types';
import { row } from '../ruleRow';
import { sameJson, toValue } from './profile';

export const guessesRule: Rule = {
  table: [
    row('SSDK530', 'info', 'Guessed from the API description', 'Check the value against a preview; then change it, or *Mark as checked* (quick fix) to remove the guess from the spec\'s `.guesses.json` file.'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  run(ctx) {
    ctx.guesses?.forEach((guess, index) => {
      const node = getPath(ctx.root, guess.path);
      if (!node || !sameJson(toValue(node), guess.value)) return;
      const anchor = node.parent?.type === 'property' ? node.parent.keyNode : node;
      ctx.report({ code: 'SSDK530', node: anchor, message: guess.message, data: { guessIndex: index, guessPath: guess.path } });
    });
  },
};
