import { join } from 'node:path';
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { importBoundaries as rule } from '../../../../scripts/eslint/importBoundaries.js';

const importBoundaries = rule as unknown as Rule.RuleModule;

const root = '/repo';
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' } });
const at = (rel: string) => join(root, rel);
const opts = [{ root }];

describe('cityops/import-boundaries', () => {
  it('allows the one-way imports and refuses the others', () => {
    tester.run('import-boundaries', importBoundaries, {
      valid: [
        { filename: at('main/rpc/dispatch.ts'), code: "import { methods } from '../../preload/contract';", options: opts },
        { filename: at('renderer/app/App.tsx'), code: "import { x } from '../../preload/contract/methods';", options: opts },
        { filename: at('preload/contract/methods.ts'), code: "import { z } from 'zod'; import { a } from './geo';", options: opts },
        { filename: at('main/electron/electronMain.ts'), code: "import { app } from 'electron';", options: opts },
        { filename: at('preload/index.ts'), code: "import { contextBridge } from 'electron';", options: opts },
        { filename: at('renderer/app/layerRegistry.ts'), code: "import { boundaryLayer } from '../layers/boundary';", options: opts },
        { filename: at('renderer/layers/boundary/index.ts'), code: "import type { LayerModule } from '../../map/mapLayer';", options: opts },
        { filename: at('main/store/openStore.ts'), code: "import { readFileSync } from 'node:fs';", options: opts },
      ],
      invalid: [
        { filename: at('main/rpc/x.ts'), code: "import { App } from '../../renderer/app/App';", options: opts, errors: 1 },
        { filename: at('renderer/app/x.ts'), code: "import { openStore } from '../../main/store/openStore';", options: opts, errors: 1 },
        { filename: at('renderer/app/x.ts'), code: "import { readFileSync } from 'node:fs';", options: opts, errors: 1 },
        { filename: at('renderer/app/x.ts'), code: "import { ipcRenderer } from 'electron';", options: opts, errors: 1 },
        { filename: at('main/store/x.ts'), code: "import { app } from 'electron';", options: opts, errors: 1 },
        { filename: at('preload/contract/x.ts'), code: "import { readFileSync } from 'fs';", options: opts, errors: 1 },
        { filename: at('preload/contract/x.ts'), code: "import React from 'react';", options: opts, errors: 1 },
        { filename: at('preload/contract/x.ts'), code: "import { t } from '../ipcTransport';", options: opts, errors: 1 },
        { filename: at('renderer/map/x.ts'), code: "import { boundaryLayer } from '../layers/boundary';", options: opts, errors: 1 },
        { filename: at('renderer/layers/cameras/x.ts'), code: "import { s } from '../boundary/boundaryStyle';", options: opts, errors: 1 },
        { filename: at('main/x.ts'), code: "export * from '../preload/ipcTransport';", options: opts, errors: 1 },
        { filename: at('renderer/x.ts'), code: "const m = import('../main/cli');", options: opts, errors: 1 },
      ],
    });
  });
});
