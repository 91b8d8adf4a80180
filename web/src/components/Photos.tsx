import { Image, Space } from 'antd';
import { photoUrl } from '../api/client.ts';

/** Thumbnails of stored photos; a click opens the full-size photo (antd Image preview). */
export function Photos({ ids, size = 96 }: { ids: readonly string[]; size?: number }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {ids.map((id) => (
          <Image
            key={id}
            src={photoUrl(id)}
            width={size}
            height={size}
            style={{ objectFit: 'cover' }}
            data-photo={id}
            alt={id}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
