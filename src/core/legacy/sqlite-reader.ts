import { TextDecoder } from 'node:util';
import { readFileSync, statSync } from 'node:fs';

/**
 * Reads the rows of one table from an SQLite database file: enough of the file format
 * (https://www.sqlite.org/fileformat.html) to read the 2025 recorder's `index.sqlite`
 * without a native module (Node 20 has no `node:sqlite`). Read-only, table b-trees only,
 * bounds-checked: a damaged file is an SqliteError, never a hang or a crash.
 */
export class SqliteError extends Error {
  override name = 'SqliteError';
}

export type SqliteValue = null | number | bigint | string | Uint8Array;

const MAGIC = 'SQLite format 3\u0000';
const MAX_INDEX_BYTES = 256 * 1024 * 1024;

export function readSqliteTable(path: string, table: string): Array<Record<string, SqliteValue>> {
  let data: Buffer;
  try {
    // A regular file of bounded size: a link to /dev/zero under the index's name is refused, not read.
    const stats = statSync(path);
    if (!stats.isFile()) throw new Error('not a regular file');
    if (stats.size > MAX_INDEX_BYTES) throw new Error(`larger than ${MAX_INDEX_BYTES} bytes`);
    data = readFileSync(path);
  } catch (error) {
    throw new SqliteError(`cannot read: ${(error as Error).message}`);
  }
  return new SqliteFile(data).readTable(table);
}

class SqliteFile {
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly decoder: TextDecoder;

  constructor(private readonly data: Buffer) {
    if (data.length < 100 || data.toString('latin1', 0, 16) !== MAGIC) throw new SqliteError('not an SQLite database');
    const rawPageSize = data.readUInt16BE(16);
    this.pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw new SqliteError('bad page size');
    this.usable = this.pageSize - data[20]!;
    const encoding = data.readUInt32BE(56);
    this.decoder = new TextDecoder(encoding === 2 ? 'utf-16le' : encoding === 3 ? 'utf-16be' : 'utf-8');
  }

  readTable(table: string): Array<Record<string, SqliteValue>> {
    const master = this.readRows(1);
    const entry = master.find((row) => row.values[0] === 'table' && row.values[1] === table);
    if (!entry) throw new SqliteError(`no table "${table}"`);
    const rootPage = Number(entry.values[3]);
    const columns = parseColumns(String(entry.values[4] ?? ''));
    return this.readRows(rootPage).map(({ rowid, values }) => {
      const row: Record<string, SqliteValue> = {};
      columns.forEach((column, i) => {
        // An INTEGER PRIMARY KEY column is stored as the rowid, and as NULL in the record.
        row[column.name] = column.isRowid ? rowid : (values[i] ?? null);
      });
      return row;
    });
  }

  /** Every row of the table b-tree rooted at `root`, in rowid order. */
  private readRows(root: number): Array<{ rowid: bigint; values: SqliteValue[] }> {
    const rows: Array<{ rowid: bigint; values: SqliteValue[] }> = [];
    const visited = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const page = stack.pop()!;
      if (visited.has(page)) throw new SqliteError('b-tree page cycle');
      visited.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + 100 : base;
      const type = this.byte(header);
      const cells = this.data.readUInt16BE(this.check(header + 3, 2));
      if (type === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) {
          const cell = base + this.data.readUInt16BE(this.check(header + 12 + i * 2, 2));
          children.push(this.data.readUInt32BE(this.check(cell, 4)));
        }
        children.push(this.data.readUInt32BE(this.check(header + 8, 4)));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else if (type === 0x0d) {
        for (let i = 0; i < cells; i++) {
          const cell = base + this.data.readUInt16BE(this.check(header + 8 + i * 2, 2));
          rows.push(this.readLeafCell(cell));
        }
      } else {
        throw new SqliteError(`unexpected page type ${type} in a table b-tree`);
      }
    }
    return rows;
  }

  private readLeafCell(offset: number): { rowid: bigint; values: SqliteValue[] } {
    const [payloadSize, afterSize] = this.varint(offset);
    const [rowid, afterRowid] = this.varint(afterSize);
    const size = Number(payloadSize);
    const maxLocal = this.usable - 35;
    let local = size;
    if (size > maxLocal) {
      const minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
      const k = minLocal + ((size - minLocal) % (this.usable - 4));
      local = k <= maxLocal ? k : minLocal;
    }
    const parts = [this.data.subarray(this.check(afterRowid, local), afterRowid + local)];
    let remaining = size - local;
    let next = remaining > 0 ? this.data.readUInt32BE(this.check(afterRowid + local, 4)) : 0;
    const seen = new Set<number>();
    while (remaining > 0) {
      if (next === 0 || seen.has(next)) throw new SqliteError('broken overflow chain');
      seen.add(next);
      const start = this.pageOffset(next);
      const take = Math.min(remaining, this.usable - 4);
      parts.push(this.data.subarray(this.check(start + 4, take), start + 4 + take));
      remaining -= take;
      next = this.data.readUInt32BE(start);
    }
    return { rowid, values: this.decodeRecord(Buffer.concat(parts)) };
  }

  private decodeRecord(record: Buffer): SqliteValue[] {
    const [headerSize, afterHeaderSize] = readVarint(record, 0);
    const types: number[] = [];
    let at = afterHeaderSize;
    while (at < Number(headerSize)) {
      const [type, next] = readVarint(record, at);
      types.push(Number(type));
      at = next;
    }
    let body = Number(headerSize);
    return types.map((type) => {
      const [value, length] = this.decodeValue(record, body, type);
      body += length;
      return value;
    });
  }

  private decodeValue(record: Buffer, at: number, type: number): [SqliteValue, number] {
    const need = (length: number): void => {
      if (at + length > record.length) throw new SqliteError('record runs past its cell');
    };
    switch (type) {
      case 0:
        return [null, 0];
      case 1:
        need(1);
        return [record.readInt8(at), 1];
      case 2:
        need(2);
        return [record.readInt16BE(at), 2];
      case 3:
        need(3);
        return [record.readIntBE(at, 3), 3];
      case 4:
        need(4);
        return [record.readInt32BE(at), 4];
      case 5:
        need(6);
        return [record.readIntBE(at, 6), 6];
      case 6:
        need(8);
        return [record.readBigInt64BE(at), 8];
      case 7:
        need(8);
        return [record.readDoubleBE(at), 8];
      case 8:
        return [0, 0];
      case 9:
        return [1, 0];
      default: {
        if (type < 12) throw new SqliteError(`reserved serial type ${type}`);
        const length = Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
        need(length);
        const bytes = record.subarray(at, at + length);
        return [type % 2 === 0 ? new Uint8Array(bytes) : this.decoder.decode(bytes), length];
      }
    }
  }

  private varint(at: number): [bigint, number] {
    return readVarint(this.data, at);
  }

  private pageOffset(page: number): number {
    const offset = (page - 1) * this.pageSize;
    if (page < 1 || offset + this.pageSize > this.data.length) throw new SqliteError(`page ${page} is outside the file`);
    return offset;
  }

  private byte(at: number): number {
    return this.data[this.check(at, 1)]!;
  }

  private check(at: number, length: number): number {
    if (at < 0 || at + length > this.data.length) throw new SqliteError('truncated file');
    return at;
  }
}

function readVarint(buffer: Buffer, at: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    if (at + i >= buffer.length) throw new SqliteError('truncated varint');
    const byte = buffer[at + i]!;
    if (i === 8) return [(value << 8n) | BigInt(byte), at + 9];
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new SqliteError('bad varint');
}

interface ColumnDef {
  name: string;
  isRowid: boolean;
}

/** Column names from `CREATE TABLE x (a TEXT PRIMARY KEY, b INTEGER, ...)`. */
function parseColumns(sql: string): ColumnDef[] {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) throw new SqliteError('cannot read the table definition');
  const defs: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of sql.slice(open + 1, close)) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      defs.push(current);
      current = '';
    } else current += char;
  }
  defs.push(current);
  return defs
    .map((def) => def.trim())
    .filter((def) => def !== '' && !/^(PRIMARY|UNIQUE|CHECK|FOREIGN|CONSTRAINT)\b/i.test(def))
    .map((def) => {
      const name = /^["`[]?([^"`\]\s]+)/.exec(def)?.[1] ?? def;
      return { name, isRowid: /^\S+\s+INTEGER\s+PRIMARY\s+KEY/i.test(def) };
    });
}
