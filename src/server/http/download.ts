/** Generated files (exports, templates) answered as downloads. */
import type { FastifyReply } from 'fastify';

export interface DownloadFile {
  contentType: string;
  fileName: string;
  buffer: Buffer;
}

/** A download goes as its bytes, with its file name; the route's answer (an empty text) is not sent. */
export function sendDownload(reply: FastifyReply, file: DownloadFile): '' {
  reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .send(file.buffer);
  return '';
}
