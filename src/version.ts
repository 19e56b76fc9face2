/** Product version, shown in 计算说明 and the JSON's producer. Keep in step with package.json. */
export const VERSION = '0.1.0';
export const PRODUCT_NAME = '专升本推荐助手';
