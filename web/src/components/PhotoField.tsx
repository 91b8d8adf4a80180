import { Form, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { uploadPhoto } from '../api/client.ts';

/**
 * The photo picker of every form that sends photos (a report, a feedback, a re-check): the files
 * stay in the form until it is submitted, then `uploadPhotos` sends them and gives their ids.
 */
export function PhotoField({ name = 'photos', label }: { name?: string; label: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
    >
      <Upload
        listType="picture-card"
        beforeUpload={() => false}
        accept="image/jpeg,image/png,image/webp"
        multiple
      >
        +
      </Upload>
    </Form.Item>
  );
}

/** Uploads the picked files in order and returns their ids (none picked: none). */
export async function uploadPhotos(files: readonly UploadFile[] | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files ?? []) if (f.originFileObj) ids.push(await uploadPhoto(f.originFileObj));
  return ids;
}
