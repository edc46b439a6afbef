import { ArtifactTransferCommand } from '../../cli/artifact-transfer-command.js'

export default class ArtifactPull extends ArtifactTransferCommand {
  static override description = 'Fetch the artifacts the records reference that the local store lacks, checking each hash (a corrupted remote object is reported and not used)'
  static override examples = [
    '<%= config.bin %> artifact pull',
    '<%= config.bin %> artifact pull --remote backup --project Examples',
    'AWS_PROFILE=team <%= config.bin %> artifact pull --remote s3 --json',
  ]
  protected readonly direction = 'pull'
}
