import { bytesToHuman, parseDevices } from '../../../modules/_lib/facts/devices';

const SECTION = `@links
ids ata-SAMSUNG_SSD_1 ../../sda
ids wwn-0x5002538e40a1b2c3 ../../sda
ids ata-SAMSUNG_SSD_1-part1 ../../sda1
uuids 1111-AAAA ../../sda1
uuids 2222-bbbb ../../dm-0
labels root ../../dm-0
@masters
/sys/block/dm-0/slaves/sda2
@lspci
0000:00:1f.2 SATA controller: Intel Corporation 82801 SATA Controller [AHCI mode]
@block sda ../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda
device/vendor=ATA
device/model=SAMSUNG SSD
removable=0
queue/discard_granularity=512
queue/rotational=0
queue/scheduler=mq-deadline [none]
size=1000215216
queue/logical_block_size=512
queue/hw_sector_size=512
entries=alignment_offset device holders queue sda1 sda2 size slaves
@part sda1
start=2048
size=1048576
@part sda2
start=1050624
size=999162511
holder=dm-0 vg-root`;

describe('devices facts', () => {
  const facts = parseDevices(SECTION);

  it('describes a disk with its partitions, links, holders and controller', () => {
    expect((facts.devices as Record<string, unknown>).sda).toEqual({
      virtual: 1,
      links: { ids: ['ata-SAMSUNG_SSD_1', 'wwn-0x5002538e40a1b2c3'], uuids: [], labels: [], masters: [] },
      vendor: 'ATA', model: 'SAMSUNG SSD', sas_address: null, sas_device_handle: null,
      removable: '0', support_discard: '512', wwn: '0x5002538e40a1b2c3',
      partitions: {
        sda1: { links: { ids: ['ata-SAMSUNG_SSD_1-part1'], uuids: ['1111-AAAA'], labels: [], masters: [] }, start: '2048', sectors: '1048576', sectorsize: 512, size: '512.00 MB', uuid: '1111-AAAA', holders: [] },
        sda2: { links: { ids: [], uuids: [], labels: [], masters: ['dm-0'] }, start: '1050624', sectors: '999162511', sectorsize: 512, size: '476.44 GB', uuid: null, holders: ['vg-root'] },
      },
      rotational: '0', scheduler_mode: 'none', sectors: '1000215216', sectorsize: '512', size: '476.94 GB',
      host: 'SATA controller: Intel Corporation 82801 SATA Controller [AHCI mode]', holders: [],
    });
  });

  it('indexes /dev/disk links and dm slaves by device', () => {
    expect(facts.device_links).toEqual({
      ids: { sda: ['ata-SAMSUNG_SSD_1', 'wwn-0x5002538e40a1b2c3'], sda1: ['ata-SAMSUNG_SSD_1-part1'] },
      uuids: { sda1: ['1111-AAAA'], 'dm-0': ['2222-bbbb'] },
      labels: { 'dm-0': ['root'] },
      masters: { sda2: ['dm-0'] },
    });
  });

  it('prints sizes as Ansible bytes_to_human, ties rounded to even as Python does', () => {
    expect([0, 1023, 1024, 1152, 1408, 3 * 1024 ** 4].map(bytesToHuman)).toEqual(['0.00 Bytes', '1023.00 Bytes', '1.00 KB', '1.12 KB', '1.38 KB', '3.00 TB']);
  });
});
