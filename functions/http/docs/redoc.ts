import type { HttpResponse } from '../../platform/responses';
import { redocPage } from './pages';
import { docsHandler } from './respond';

let page: HttpResponse | undefined;

export const handler = docsHandler(() => (page ??= redocPage()));
