import { parseDocument } from 'yaml';
parseDocument('checks:\n  - { id: a, type: b }\n').toJS();
