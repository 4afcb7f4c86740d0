import { globSync } from 'tinyglobby';
globSync(['**/*.md'], { cwd: process.cwd(), ignore: ['**/node_modules/**'] });
