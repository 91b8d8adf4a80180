/**
 * Names for the Kunming-like demo city. The city, its five main districts and their 街道 are real,
 * with their official 2023 统计用区划代码 (reference/regions/kunming-2023.csv; a test checks every
 * name against its code). Communities, grids, people and shops are invented and say so.
 */

export const CITY = { code: '530100', nameZh: '昆明市', nameEn: 'Kunming' } as const;

/** A district and where it sits in the city, as fractions of the city's extent (x east, y north). */
export type DistrictPlan = {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** the district's 街道 in code order (official 2023 codes and names) */
  readonly streets: readonly RealStreet[];
};

/** A real 街道: its 9-digit code (统计用区划代码 without the trailing 000) and its official name. */
export type RealStreet = { readonly code: string; readonly nameZh: string };

// Laid out like the real main city: 五华 north-west, 盘龙 north-east, 西山 west and south-west,
// 官渡 south-east of the centre, 呈贡 further south-east.
export const DISTRICTS: readonly DistrictPlan[] = [
  {
    code: '530102',
    nameZh: '五华区',
    nameEn: 'Wuhua',
    x0: 0,
    y0: 0.55,
    x1: 0.48,
    y1: 1,
    streets: [
      { code: '530102001', nameZh: '华山街道' },
      { code: '530102002', nameZh: '护国街道' },
      { code: '530102003', nameZh: '大观街道' },
      { code: '530102004', nameZh: '龙翔街道' },
      { code: '530102005', nameZh: '丰宁街道' },
      { code: '530102006', nameZh: '莲华街道' },
      { code: '530102007', nameZh: '红云街道' },
      { code: '530102008', nameZh: '黑林铺街道' },
      { code: '530102009', nameZh: '普吉街道' },
      { code: '530102010', nameZh: '西翥街道' },
    ],
  },
  {
    code: '530103',
    nameZh: '盘龙区',
    nameEn: 'Panlong',
    x0: 0.48,
    y0: 0.55,
    x1: 1,
    y1: 1,
    streets: [
      { code: '530103001', nameZh: '拓东街道' },
      { code: '530103002', nameZh: '鼓楼街道' },
      { code: '530103003', nameZh: '东华街道' },
      { code: '530103004', nameZh: '联盟街道' },
      { code: '530103005', nameZh: '金辰街道' },
      { code: '530103006', nameZh: '青云街道' },
      { code: '530103007', nameZh: '龙泉街道' },
      { code: '530103008', nameZh: '茨坝街道' },
      { code: '530103009', nameZh: '双龙街道' },
      { code: '530103010', nameZh: '松华街道' },
      { code: '530103011', nameZh: '滇源街道' },
      { code: '530103012', nameZh: '阿子营街道' },
    ],
  },
  {
    code: '530111',
    nameZh: '官渡区',
    nameEn: 'Guandu',
    x0: 0.42,
    y0: 0.3,
    x1: 1,
    y1: 0.55,
    streets: [
      { code: '530111001', nameZh: '关上街道' },
      { code: '530111002', nameZh: '太和街道' },
      { code: '530111003', nameZh: '吴井街道' },
      { code: '530111004', nameZh: '金马街道' },
      { code: '530111005', nameZh: '小板桥街道' },
      { code: '530111006', nameZh: '官渡街道' },
      { code: '530111007', nameZh: '矣六街道' },
      { code: '530111008', nameZh: '六甲街道' },
      { code: '530111009', nameZh: '大板桥街道' },
      { code: '530111010', nameZh: '阿拉街道' },
      { code: '530111011', nameZh: '长水街道' },
      { code: '530111012', nameZh: '小哨街道' },
    ],
  },
  {
    code: '530112',
    nameZh: '西山区',
    nameEn: 'Xishan',
    x0: 0,
    y0: 0,
    x1: 0.42,
    y1: 0.55,
    streets: [
      { code: '530112001', nameZh: '西苑街道' },
      { code: '530112002', nameZh: '马街街道' },
      { code: '530112003', nameZh: '金碧街道' },
      { code: '530112004', nameZh: '永昌街道' },
      { code: '530112005', nameZh: '前卫街道' },
      { code: '530112006', nameZh: '福海街道' },
      { code: '530112007', nameZh: '棕树营街道' },
      { code: '530112008', nameZh: '碧鸡街道' },
      { code: '530112009', nameZh: '海口街道' },
      { code: '530112010', nameZh: '团结街道' },
    ],
  },
  {
    code: '530114',
    nameZh: '呈贡区',
    nameEn: 'Chenggong',
    x0: 0.42,
    y0: 0,
    x1: 1,
    y1: 0.3,
    streets: [
      { code: '530114001', nameZh: '龙城街道' },
      { code: '530114002', nameZh: '洛龙街道' },
      { code: '530114003', nameZh: '斗南街道' },
      { code: '530114004', nameZh: '乌龙街道' },
      { code: '530114005', nameZh: '吴家营街道' },
      { code: '530114006', nameZh: '雨花街道' },
      { code: '530114007', nameZh: '七甸街道' },
      { code: '530114008', nameZh: '洛羊街道' },
      { code: '530114009', nameZh: '大渔街道' },
      { code: '530114010', nameZh: '马金铺街道' },
    ],
  },
];

/**
 * Synthetic communities (演示社区) take the third code segment 901–999 of their real street: the
 * official scheme assigns 001–599 (居委会, 村委会 and similar units), never 600–999, so a synthetic
 * code can never be a real community's (reference/regions/README.md).
 */
export const SYNTHETIC_COMMUNITY_FIRST = 901;
export const SYNTHETIC_COMMUNITIES_PER_STREET = 999 - SYNTHETIC_COMMUNITY_FIRST + 1;

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for a street's communities). */
function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (CHINESE_DIGITS[tens] ?? '')}十${ones === 0 ? '' : (CHINESE_DIGITS[ones] ?? '')}`;
}

/**
 * The name of the n-th (1-based) synthetic community of a street: 华山街道 → 华山演示一社区. 演示
 * ("demo") keeps it from reading as a real community; the street prefix keeps it unique.
 */
export function syntheticCommunityName(street: RealStreet, n: number): string {
  return `${street.nameZh.replace(/街道$/, '')}演示${chineseNumber(n)}社区`;
}

/** The 12-digit code of the n-th (1-based) synthetic community of a street. */
export function syntheticCommunityCode(streetCode: string, n: number): string {
  return `${streetCode}${SYNTHETIC_COMMUNITY_FIRST + n - 1}`;
}

export const SURNAMES = [
  '李',
  '王',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '段',
  '普',
  '杞',
  '者',
  '字',
  '李',
  '杨',
  '张',
  '王',
];
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '云',
  '红梅',
  '志刚',
  '海燕',
  '晓东',
  '春兰',
  '文华',
  '永明',
  '丽萍',
  '国庆',
  '德明',
  '玉梅',
  '家豪',
  '子涵',
  '雨萱',
  '浩然',
  '思远',
];

export const ROADS = [
  '青年路',
  '北京路',
  '人民中路',
  '东风西路',
  '金碧路',
  '环城南路',
  '滇池路',
  '白塔路',
  '春城路',
  '彩云路',
  '西昌路',
  '建设路',
  '学府路',
  '一二一大街',
  '穿金路',
  '新闻路',
  '关上中路',
  '世纪路',
  '广福路',
  '日新中路',
  '吴井路',
  '拓东路',
  '小康大道',
  '昌宏路',
  '联大街',
  '洛龙路',
  '龙江路',
];

export const SHOP_KINDS = [
  '过桥米线',
  '小锅米线',
  '鲜花店',
  '便利店',
  '烧饵块',
  '水果店',
  '药房',
  '茶叶店',
  '五金店',
  '理发店',
  '面包房',
  '火锅店',
  '汽修店',
  '眼镜店',
  '文具店',
  '菌子火锅',
  '咖啡馆',
  '超市',
  '干洗店',
  '宠物店',
];
